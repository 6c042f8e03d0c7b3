/**
 * A set of numeric file ids kept compact for the workflow's static data: the sorted ids become
 * runs of consecutive ids, each written as the base-36 gap from the previous run's end and, when
 * longer than one, '+' and the base-36 run length. 10,000 ids take a few tens of kilobytes at
 * worst (scattered ids) and a few bytes at best (one run).
 */

export function encodeIds(ids: Iterable<string>): string {
	const sorted = [...new Set([...ids].map(Number))].filter(Number.isSafeInteger).sort((a, b) => a - b);
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
	return parts.join(',');
}

export function decodeIds(encoded: string): Set<string> {
	const ids = new Set<string>();
	if (!encoded) return ids;
	let previousEnd = 0;
	for (const part of encoded.split(',')) {
		const [gap, length] = part.split('+');
		const start = previousEnd + parseInt(gap, 36);
		const count = length ? parseInt(length, 36) : 1;
		for (let k = 0; k < count; k++) ids.add(String(start + k));
		previousEnd = start + count - 1;
	}
	return ids;
}
