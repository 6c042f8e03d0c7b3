import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { inputError } from '../transport';
import { notOneValue } from './values';

/** The root folder's value in folder locators, as n8n's Google Drive node names it. */
export const ROOT_FOLDER = 'root';
export const ROOT_FOLDER_NAME = '/ (Root folder)';

export type LocatorKind = 'file' | 'folder';

/**
 * What a locator points at: a numeric id, the root folder, a file's short URL code, a folder
 * link's 32-hex code, or a path from the root folder (`path` mode; for a file, its last segment
 * is the file's name). A target that came from a link keeps the link's host (`site`), which must
 * be the credential's site.
 */
export type Target =
	| { id: string; site?: string }
	| { root: true }
	| { shortUrl: string; site: string }
	| { urlHash: string; site: string }
	| { path: string[] };

/** A target the API can use: an id, or the root folder. */
export type ResolvedTarget = { id: string; site?: string } | { root: true };

/** The locator parameters as the editor names them, for messages about a parameter given by name. */
const DISPLAY_NAMES: Record<string, string> = {
	fileId: 'File',
	folderId: 'Folder',
	destinationFolderId: 'Destination Folder',
	parentFolderId: 'Parent Folder',
};
export const displayNameOf = (parameterName: string) => DISPLAY_NAMES[parameterName] ?? parameterName;

const LINK = /^https?:\/\/([^/?#\s]+)([^?#\s]*)/i;
const BARE_LINK = /^(?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d+)?\//i;
/** A folder link's code: 32 hex on real sites, the numeric id in the API documentation's samples. */
const URL_HASH = /^[0-9a-f]{32}$/i;
/** A file link's first segment: the short code, and the info, stats or delete page's suffix. */
const SHORT_CODE = /^([A-Za-z0-9]+)(?:~[a-z])?$/i;
/** More digits than the largest id a database column holds (unsigned 64 bits). */
const MAX_ID_DIGITS = 20;

/**
 * Cleans a pasted id the way people (and AI agents) paste them: surrounding whitespace, quotes
 * and angle brackets, trailing dots and commas, a leading '#', a link without its scheme.
 */
function cleanIdText(value: unknown): string {
	let text = String(value ?? '');
	for (let previous; previous !== text; ) {
		previous = text;
		text = text
			.trim()
			.replace(/^["'`<(]+|["'`>)]+$/g, '')
			.replace(/[\s.,;:!?]+$/, '');
	}
	text = text.replace(/^#/, '');
	return BARE_LINK.test(text) ? `https://${text}` : text;
}

/** Reads a locator's raw value, whether the parameter holds a locator object or a plain value. */
export function rawValue(parameter: unknown): { mode: string; value: unknown } {
	if (parameter && typeof parameter === 'object' && '__rl' in (parameter as object)) {
		const locator = parameter as INodeParameterResourceLocator;
		return { mode: String(locator.mode), value: locator.value };
	}
	return { mode: 'id', value: parameter };
}

function parseId(kind: LocatorKind, digits: string): Target | string {
	const id = digits.replace(/^0+(?=\d)/, '');
	if (id.length > MAX_ID_DIGITS) return `"${digits.slice(0, 40)}" is too long to be a ${kind} id`;
	if (id === '0') return `"${digits}" is not a ${kind} id: ids are whole numbers from 1 up, such as 1253`;
	return { id };
}

/**
 * Every form the site shows a link in: `…/folder/<urlHash>/<Name>` (name missing or stale
 * allowed), `…/<shortUrl>`, `…/<shortUrl>/<name.ext>`, `~i`/`~s`/`~d` pages, any host of the
 * site (`www.`, a file server), trailing slashes, query strings and fragments.
 */
function parseLink(kind: LocatorKind, link: string): Target | string {
	const [, host, pathname] = LINK.exec(link)!;
	const site = host.replace(/^.*@/, '').toLowerCase();
	const segments = pathname.split('/').filter(Boolean).map((segment) => {
		try {
			return decodeURIComponent(segment);
		} catch {
			return segment;
		}
	});
	const expected =
		kind === 'folder'
			? `"${link}" is not a Cyberfile folder link (expected https://<site>/folder/<code>/<name>, as the site shows it)`
			: `"${link}" is not a Cyberfile file link (expected https://<site>/<code> or https://<site>/<code>/<name>)`;
	if (segments[0]?.toLowerCase() === 'folder') {
		if (kind === 'file') return 'is a folder link, but a file is expected here';
		const code = segments[1] ?? '';
		if (URL_HASH.test(code)) return { urlHash: code.toLowerCase(), site };
		if (/^\d{1,20}$/.test(code) && !/^0+$/.test(code)) return { id: code.replace(/^0+/, ''), site };
		return expected;
	}
	const file = SHORT_CODE.exec(segments[0] ?? '');
	if (file && kind === 'file') return { shortUrl: file[1], site };
	return expected;
}

/** Refuses what cannot be a name on the site (the server strips tags and trims). */
function badSegment(segment: string): string | undefined {
	if (segment === '.' || segment === '..') return `must not contain "${segment}"`;
	if (/[<>\\]/.test(segment)) return `must not contain "<", ">" or "\\" ("${segment.slice(0, 80)}")`;
	if (segment.length > 255) return `has a name longer than 255 characters`;
	return undefined;
}

/**
 * `path` mode: `invoices/2026/11` (a folder) or `invoices/2026/11/report.pdf` (a file), from the
 * root folder; a leading `/` is optional, `/` alone (or nothing) is the root folder.
 */
export function parsePath(kind: LocatorKind, value: unknown): Target | string {
	const wrong = notOneValue(value);
	if (wrong) return `must be one path, not ${wrong} (${JSON.stringify(value).slice(0, 60)})`;
	const text = String(value ?? '').trim().replace(/^["'`]+|["'`]+$/g, '').trim();
	const segments = text.split('/').map((segment) => segment.trim()).filter(Boolean);
	for (const segment of segments) {
		const problem = badSegment(segment);
		if (problem) return `path "${text.slice(0, 120)}" ${problem}`;
	}
	if (kind === 'folder') return segments.length ? { path: segments } : { root: true };
	if (!segments.length) return text ? `path "${text}" is the root folder, not a file` : 'is empty';
	if (/\/\s*$/.test(text)) return `path "${text.slice(0, 120)}" ends with "/": it names a folder, not a file`;
	return { path: segments };
}

/** Parses a locator value into a target, or explains what is wrong with it. */
export function parseTarget(kind: LocatorKind, value: unknown, mode = 'id'): Target | string {
	if (mode === 'path') return parsePath(kind, value);
	const wrong = notOneValue(value);
	if (wrong) return `must be one id or link, not ${wrong} (${JSON.stringify(value).slice(0, 60)})`;
	const text = cleanIdText(value);
	if (kind === 'folder' && (text === '' || /^(root|\/|0+|null)$/i.test(text))) return { root: true };
	if (text === '') return 'is empty';
	if (/^\d+$/.test(text)) return parseId(kind, text);
	if (LINK.test(text)) return parseLink(kind, text);
	const hint = text.includes('/') && !/^[a-z]+:\/\//i.test(text) ? ' (for a path such as invoices/2026, choose the "By Path" mode)' : '';
	return `"${text.slice(0, 80)}" is not a ${kind} id: ids are whole numbers from 1 up, such as 1253${hint}`;
}

/** Reads a file or folder locator parameter and returns its target; rejects bad input. */
export function getTarget(
	context: IExecuteFunctions,
	parameterName: string,
	kind: LocatorKind,
	itemIndex: number,
	displayName = displayNameOf(parameterName),
): Target {
	return checkedTarget(context, kind, context.getNodeParameter(parameterName, itemIndex, ''), itemIndex, displayName);
}

/**
 * A locator's value as a target, whether it came from a parameter or from a field of a
 * collection (`updateFields.folderId`); rejects bad input, naming the parameter.
 */
export function checkedTarget(
	context: IExecuteFunctions,
	kind: LocatorKind,
	parameter: unknown,
	itemIndex: number,
	displayName: string,
): Target {
	const { mode, value } = rawValue(parameter);
	const target = parseTarget(kind, value, mode);
	if (typeof target === 'string') {
		throw inputError(context.getNode(), `Parameter "${displayName}" ${target}`, itemIndex);
	}
	return target;
}
