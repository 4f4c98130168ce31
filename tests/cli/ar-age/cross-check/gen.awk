# gen.awk - a deterministic book of open items for the cross-check:
# N items of C customers in EUR, USD and JPY, with credit notes, paid and
# partly paid items, renamed customers and due dates over 2023 and 2024.
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function ymd(d,    y, m, dim, n) {
	# d: days after 2023-01-01
	split("31 28 31 30 31 30 31 31 30 31 30 31", dim, " ")
	for (y = 2023; d >= (n = (y % 4 == 0 ? 366 : 365)); y++)
		d -= n
	dim[2] = y % 4 == 0 ? 29 : 28
	for (m = 1; d >= dim[m] + 0; m++)
		d -= dim[m]
	return sprintf("%04d-%02d-%02d", y, m, d + 1)
}
function money(v, e,    s) {
	s = v < 0 ? "-" : ""
	if (v < 0) v = -v
	if (e == 0) return s (v + 0)
	return sprintf("%s%d.%02d", s, int(v / 100), v % 100)
}
BEGIN {
	seed = 20240229
	if (N == "") N = 20000
	if (C == "") C = 300
	split("EUR USD JPY", curs, " ")
	print "invoice_id,type,customer_id,customer_name,issue_date,due_date,currency,amount,paid_amount,open_amount,note"
	for (i = 1; i <= N; i++) {
		c = rnd(C)
		cur = curs[1 + (c % 7 == 0 ? rnd(3) : 0)]
		e = cur == "JPY" ? 0 : 2
		issue = rnd(700)
		due = issue + 14 + 16 * rnd(4)
		amt = 1 + rnd(200000)
		type = "invoice"
		if (rnd(10) == 0) { amt = -amt; type = "credit_note" }
		k = rnd(6)
		open = k < 2 ? 0 : k == 2 ? int(amt / 3) : amt
		name = "Customer " c (rnd(5) == 0 ? " BV" : " B.V.")
		printf "N%06d,%s,C%04d,%s,%s,%s,%s,%s,%s,%s,\"x, y\"\n", i, type, c,
		    name, ymd(issue), ymd(due), cur, money(amt, e),
		    money(amt - open, e), money(open, e)
	}
}
