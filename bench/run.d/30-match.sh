# bench/run.d/30-match.sh - sourced by bench/run: ar-match (issue 5) on the
# generated book.  Speed: within 3x a bare libcsv parse of invoices.csv and
# payments.csv, measured in the same run.  Memory: follows the invoices,
# not the payments (the same book with a tenth of the payments).  Quality:
# precision and recall against the generator's truth.csv, overall and per
# kind of noise (bench/matchq.awk); targets 99.9% and 95%.
#
# The options are the book's own terms: 2% discount within 10 days, and
# bank charges of up to 1.00 taken off a payment.

match_opts="--discount 2:10 --tolerance 1.00"
npay=$(($(wc -l <"$out/payments.csv") - 1))

echo
echo "ar-match: $rows invoices, $npay payments, best of $RUNS"
printf '%-44s %8s  %6s  %11s\n' "" time ratio "peak RSS"
best csvparse "$out/invoices.csv"
match_base=$secs
best csvparse "$out/payments.csv"
match_base=$(awk -v a="$match_base" -v b="$secs" 'BEGIN { printf "%.2f", a + b }')
row "bare libcsv parse of both files (yardstick)" "$match_base" "$match_base" \
    "$kb" ""
best ar-match $match_opts -c "$out/customers.csv" -p "$out/payments.csv" \
    -m "$out/matches.csv" -u "$out/unmatched.csv" "$out/invoices.csv"
row "ar-match -c -p -m -u" "$secs" "$match_base" "$kb" 3
head -n $((npay / 10 + 1)) "$out/payments.csv" >"$out/payments-tenth.csv"
best ar-match $match_opts -c "$out/customers.csv" -p "$out/payments-tenth.csv" \
    "$out/invoices.csv"
row "ar-match, a tenth of the payments" "$secs" "$match_base" "$kb" ""

# The quality of the matches of the run above.
ar-match $match_opts -c "$out/customers.csv" -p "$out/payments.csv" \
    -m "$out/matches.csv" -u "$out/unmatched.csv" "$out/invoices.csv" \
    >/dev/null 2>&1
echo
echo "ar-match quality against truth.csv (precision target 99.9%, recall 95%)"
awk -f "$(dirname "$0")/matchq.awk" "$out/truth.csv" "$out/matches.csv"
