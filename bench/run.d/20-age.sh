# bench/run.d/20-age.sh - sourced by bench/run: ar-age (issue 4), per-customer
# aging of the invoices, within 2x a bare libcsv parse of the same file
# measured here; memory follows customers, not invoices (a tenth of the
# rows has the same customers).
echo
echo "ar-age: $rows invoices, best of $RUNS"
printf '%-44s %8s  %6s  %11s\n' "" time ratio "peak RSS"
best csvparse "$out/invoices.csv"
age_base=$secs
row "bare libcsv parse of invoices.csv" "$secs" "$age_base" "$kb" ""
best ar-age --as-of 2025-12-31 "$out/invoices.csv"
row "ar-age per customer" "$secs" "$age_base" "$kb" 2
best ar-age --as-of 2025-12-31 "$out/tenth.csv"
row "ar-age per customer, a tenth of the rows" "$secs" "$age_base" "$kb" ""
