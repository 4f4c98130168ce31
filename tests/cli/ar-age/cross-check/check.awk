# check.awk - per customer and currency aging computed independently of
# ar-age, in its CSV output format: -v ASOF=YYYY-MM-DD, buckets 30,60,90.
# The generated fields hold no quoted comma before the last column.
function days(s,    y, m, d) {
	# days from civil (H. Hinnant's algorithm), proleptic Gregorian
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) y--
	era = int(y / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe
}
function cents(s, e,    neg, p, v) {
	neg = substr(s, 1, 1) == "-"
	if (neg) s = substr(s, 2)
	p = index(s, ".")
	v = e == 0 ? s + 0 : substr(s, 1, p - 1) * 100 + substr(s, p + 1)
	return neg ? -v : v
}
function money(v, e,    s) {
	s = v < 0 ? "-" : ""
	if (v < 0) v = -v
	if (e == 0) return s (v + 0)
	return sprintf("%s%d.%02d", s, int(v / 100), v % 100)
}
BEGIN { FS = ","; asof = days(ASOF) }
NR > 1 && $5 > ASOF { next }	# not yet issued on the as-of date
NR > 1 {
	e = $7 == "JPY" ? 0 : 2
	open = cents($10, e)
	if (open == 0)
		next
	k = $3 SUBSEP $7
	E[k] = e
	if (!(k in items)) { oldest[k] = ""; nd[k] = "" }
	items[k]++
	total[k] += open
	# the name of the latest issue date, smallest on a tie
	if (nd[k] == "" || $5 > nd[k] || ($5 == nd[k] && $4 < name[k])) {
		name[k] = $4; nd[k] = $5
	}
	if (open < 0) { credit[k] += open; next }
	d = asof - days($6)
	b = d <= 0 ? 0 : d <= 30 ? 1 : d <= 60 ? 2 : d <= 90 ? 3 : 4
	B[k, b] += open
	if (b > 0) {
		overdue[k] += open
		if (oldest[k] == "" || d > oldest[k]) oldest[k] = d
	}
}
END {
	for (k in items) {
		split(k, p, SUBSEP)
		line = p[1] "," name[k] "," p[2] "," money(total[k], E[k]) "," \
		    money(overdue[k], E[k])
		for (b = 0; b < 5; b++)
			line = line "," money(B[k, b], E[k])
		print line "," money(credit[k], E[k]) "," oldest[k] "," items[k]
	}
}
