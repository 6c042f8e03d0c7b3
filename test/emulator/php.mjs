// Small re-implementations of the PHP behaviours the YetiShare API server shows to clients:
// input cleaning (trim + strip_tags), integer casts, json_encode's escaping, size formatting.

const PHP_TRIM = /^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g;

/** PHP strip_tags, simplified: drops `<tag ...>` and an unterminated `<x...` up to the end. */
export function stripTags(value) {
	return value.replace(/<(?=[^\s<])[^>]*(>|$)/g, '');
}

/** What `_cleanInputs` does to every request value: `trim(strip_tags($v))`. */
export function cleanInput(value) {
	return stripTags(String(value)).replace(PHP_TRIM, '');
}

/** `(int) $value` in PHP (and MySQL's string to integer cast): leading digits, else 0. */
export function phpInt(value) {
	const match = /^\s*([+-]?\d+)/.exec(String(value ?? ''));
	return match ? Number.parseInt(match[1], 10) : 0;
}

/** True when a value is a canonical PHP integer array key ("12", not "012" or "12a"). */
export function isIntKey(value) {
	return typeof value === 'string' && /^(0|[1-9]\d*)$/.test(value);
}

/** PHP's `strlen($x) == 0` for a request value that may be missing. */
export function isBlank(value) {
	return value === undefined || value === null || String(value).length === 0;
}

/** json_encode() with PHP's defaults: escaped slashes and \uXXXX for every non-ASCII unit. */
export function phpJson(value) {
	return JSON.stringify(value)
		.replace(/\//g, '\\/')
		.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `Y-m-d H:i:s` (UTC) of a millisecond timestamp. */
export function sqlDateTime(ms) {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Human size as the uploader's error message shows it, e.g. "2 GB", "1.5 MB". */
export function formatSize(bytes) {
	const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
	let size = Number(bytes);
	let unit = 0;
	while (size >= 1024 && unit < units.length - 1) {
		size /= 1024;
		unit += 1;
	}
	return `${Math.round(size * 100) / 100} ${units[unit]}`;
}
