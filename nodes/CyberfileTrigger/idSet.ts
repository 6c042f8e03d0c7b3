/**
 * A set of numeric file ids kept compact for the workflow's static data: the sorted ids become
 * runs of consecutive ids, each written as the base-36 gap from the previous run's end and, when
 * longer than one, '+' and the base-36 run length. 10,000 ids take a few tens of kilobytes at
 * worst (scattered ids) and a few bytes at best (one run).
 */

/** An id the compact form can hold: a decimal integer written the canonical way ("12", not "012"). */
const isCompact = (id: string) => /^(?:0|[1-9]\d*)$/.test(id) && Number.isSafeInteger(Number(id));

/**
 * Any other id (a site whose ids are not plain numbers) is kept as it is after a ';', so that it,
 * too, is seen once and never again.
 */
export function encodeIds(ids: Iterable<string>): string {
	const unique = [...new Set(ids)];
	const sorted = unique.filter(isCompact).map(Number).sort((a, b) => a - b);
	const others = unique.filter((id) => !isCompact(id));
	const parts: string[] = [];
	let previousEnd = 0;
	for (let i = 0; i < sorted.length; ) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		const gap = (sorted[i] - previousEnd).toString(36);
		const length = j - i + 1;
		parts.push(length > 1 ? `${gap}+${length.toString(36)}` : gap);
		previousEnd = sorted[j];
		i = j + 1;
	}
	return parts.join(',') + (others.length ? `;${others.map(encodeURIComponent).join(',')}` : '');
}

export function decodeIds(encoded: string): Set<string> {
	const ids = new Set<string>();
	if (!encoded) return ids;
	const [compact, others = ''] = encoded.split(';');
	let previousEnd = 0;
	for (const part of compact ? compact.split(',') : []) {
		const [gap, length] = part.split('+');
		const start = previousEnd + parseInt(gap, 36);
		const count = length ? parseInt(length, 36) : 1;
		for (let k = 0; k < count; k++) ids.add(String(start + k));
		previousEnd = start + count - 1;
	}
	for (const id of others ? others.split(',') : []) ids.add(decodeURIComponent(id));
	return ids;
}
