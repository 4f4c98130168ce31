# bench/run.d/10-import.sh - sourced by bench/run: ar-import on a
# generated camt.053 statement of about 1,000,000 entries (about 750 MB),
# against a bare libxml2 SAX2 parse of the same file that only counts
# the Ntry elements (bench/xmlcount), in the same run.  Targets: within
# 2x the bare parse, peak memory under 16 MiB whatever the size.
#
#   BENCH_CAMT_N=1330000 invoices for gen: about 0.75 payments each

camt_n=${BENCH_CAMT_N:-1330000}
camt_out=$builddir/bench/out/camt$camt_n
if [ ! -f "$camt_out/.done" ]; then
	mkdir -p "$camt_out"
	echo "generating a camt.053 statement from $camt_n invoices in $camt_out ..."
	gen -n "$camt_n" -o "$camt_out" || exit 2
	# Only the statement is used here.
	rm -f "$camt_out/customers.csv" "$camt_out/invoices.csv" \
	    "$camt_out/payments.csv" "$camt_out/truth.csv"
	touch "$camt_out/.done"
fi
camt=$camt_out/payments.camt053.xml
ntry=$(xmlcount "$camt")

echo
echo "ar-import: a camt.053 statement of $ntry entries ($(du -h "$camt" | cut -f1)), best of $RUNS"
printf '%-44s %8s  %6s  %11s\n' "" time ratio "peak RSS"
best xmlcount "$camt"
import_base=$secs
row "bare libxml2 SAX2 parse (yardstick)" "$secs" "$import_base" "$kb" ""
best ar-import "$camt"
row "ar-import statement.xml" "$secs" "$import_base" "$kb" 2
camt_kb=$kb
best ar-import -o json "$camt"
row "ar-import -o json statement.xml" "$secs" "$import_base" "$kb" ""
awk -v kb="$camt_kb" 'BEGIN {
	printf "%-44s %s\n", "ar-import peak memory (limit 16 MiB)",
	    (kb < 16 * 1024 ? "within" : "OVER")
}'
