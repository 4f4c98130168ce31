# ar-age (issue 4): per-customer aging of the invoices, within 2x the bare
# parse of the same file; memory follows customers, not invoices.
best ar-age --as-of 2025-12-31 "$out/invoices.csv"
row "ar-age per customer" "$secs" "$base" "$kb" 2
best ar-age --as-of 2025-12-31 "$out/tenth.csv"
row "ar-age per customer, a tenth of the rows" "$secs" "$base" "$kb" ""
