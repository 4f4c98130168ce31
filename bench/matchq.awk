#!/usr/bin/awk -f
# matchq.awk - the quality of ar-match against the generator's truth.
#
#   awk -f bench/matchq.awk truth.csv matches.csv
#   awk -v wrong=FILE -v missed=FILE -f bench/matchq.awk truth.csv matches.csv
#
# truth.csv (bench/gen): txn_id,invoice_id,amount,kind - one row per
# (payment, invoice) pair that is true; an empty invoice_id says the
# payment pays no invoice.  matches.csv (ar-match --matches): one row per
# application; rows of type "unapplied" (money moved to or from a
# customer's credit, not to an invoice) are not pairs and are left out.
#
# A pair (txn_id, invoice_id) is applied when the matches file has it.
# precision = applied pairs that are true / applied pairs
# recall    = true pairs that are applied / true pairs
# "amount" is the share of the right pairs whose applied amount (the sum
# of the rows) equals the truth's amount.  Per kind of noise (the kind of
# the payment in the truth file), then overall.  With -v wrong=FILE and
# -v missed=FILE the wrong and the missed pairs are written there.

# Split one CSV line (RFC 4180, no line breaks inside fields) into f[].
function csvsplit(line, f,    n, i, c, q, v) {
	n = 0; v = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"") {
				if (substr(line, i + 1, 1) == "\"") { v = v c; i++ }
				else q = 0
			} else
				v = v c
		} else if (c == "\"")
			q = 1
		else if (c == ",") {
			f[++n] = v; v = ""
		} else if (c != "\r")
			v = v c
	}
	f[++n] = v
	return n
}

# cents of a decimal amount, exactly (no floating point rounding drift)
function cents(s,    neg, p, i, d) {
	neg = substr(s, 1, 1) == "-"
	if (neg) s = substr(s, 2)
	p = index(s, ".")
	if (p == 0) { i = s; d = "00" } else { i = substr(s, 1, p - 1); d = substr(s "00", p + 1, 2) }
	return (neg ? "-" : "") (i d) + 0
}

FNR == 1 { file++; next }

file == 1 {
	split($0, t, ",")
	kind[t[1]] = t[4]
	kinds[t[4]] = 1
	if (t[2] != "") {
		key = t[1] SUBSEP t[2]
		truth[key] = cents(t[3])
		ntrue[t[4]]++
	}
	next
}

file == 2 {
	if (index($0, "\"") > 0)
		csvsplit($0, f)
	else
		split($0, f, ",")
	if (f[3] == "unapplied")
		next
	key = f[1] SUBSEP f[2]
	if (!(key in applied))
		order[++napplied] = key
	applied[key] += cents(f[6])
	next
}

END {
	for (i = 1; i <= napplied; i++) {
		key = order[i]
		split(key, p, SUBSEP)
		k = (p[1] in kind) ? kind[p[1]] : "(not in truth)"
		kinds[k] = 1
		napp[k]++
		if (key in truth) {
			right[k]++
			if (applied[key] == truth[key])
				exact[k]++
			hit[key] = 1
		} else if (wrong != "")
			print p[1] "," p[2] "," k > wrong
	}
	if (missed != "")
		for (key in truth)
			if (!(key in hit)) {
				split(key, p, SUBSEP)
				print p[1] "," p[2] "," kind[p[1]] > missed
			}
	printf "%-16s %8s %8s %8s %10s %9s %8s\n", "kind", "true", "applied",
	    "right", "precision", "recall", "amount"
	n = 0
	for (k in kinds)
		names[++n] = k
	for (i = 2; i <= n; i++)	# insertion sort: same order everywhere
		for (j = i; j > 1 && names[j - 1] > names[j]; j--) {
			t0 = names[j]; names[j] = names[j - 1]; names[j - 1] = t0
		}
	for (i = 1; i <= n; i++) {
		k = names[i]
		line(k, ntrue[k] + 0, napp[k] + 0, right[k] + 0, exact[k] + 0)
		T += ntrue[k]; A += napp[k]; R += right[k]; E += exact[k]
	}
	line("all", T, A, R, E)
}

function line(k, t, a, r, e) {
	printf "%-16s %8d %8d %8d %9s%% %8s%% %7s%%\n", k, t, a, r,
	    a ? sprintf("%.3f", 100 * r / a) : "-",
	    t ? sprintf("%.2f", 100 * r / t) : "-",
	    r ? sprintf("%.1f", 100 * e / r) : "-"
}
