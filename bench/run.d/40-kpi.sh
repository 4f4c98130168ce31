# bench/run.d/40-kpi.sh - sourced by bench/run: ar-kpi (issue 6), monthly
# figures per segment on the open items of the whole book (ar-match's
# output), within 2x a bare libcsv parse of that same file measured in the
# same run; memory grows with periods x groups, not with invoices.
if [ ! -s "$out/open-items.csv" ]; then
	ar-match --discount 2:10 --tolerance 1.00 -c "$out/customers.csv" \
	    -p "$out/payments.csv" "$out/invoices.csv" >"$out/open-items.csv" 2>/dev/null
fi
head -n $(($(wc -l <"$out/open-items.csv") / 10 + 1)) "$out/open-items.csv" \
    >"$out/open-items-tenth.csv"

echo
echo "ar-kpi: $(($(wc -l <"$out/open-items.csv") - 1)) open items, best of $RUNS"
printf '%-44s %8s  %6s  %11s\n' "" time ratio "peak RSS"
best csvparse "$out/open-items.csv"
kpi_base=$secs
row "bare libcsv parse of open-items.csv" "$secs" "$kpi_base" "$kb" ""
best ar-kpi --as-of 2025-12-31 -p month -b segment -c "$out/customers.csv" \
    "$out/open-items.csv"
row "ar-kpi -p month -b segment" "$secs" "$kpi_base" "$kb" 2
best ar-kpi --as-of 2025-12-31 -p month -b segment -c "$out/customers.csv" \
    "$out/open-items-tenth.csv"
row "ar-kpi, a tenth of the items" "$secs" "$kpi_base" "$kb" ""
