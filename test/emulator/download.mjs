// Download URLs and the file host that serves them: a token in the query string, no cookie and
// no API token needed, valid for 24 h on the emulated clock, reusable, HTTP Range supported,
// streamed from disk.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { answer, cutConnection, routeNotFound, sendAnswer } from './envelope.mjs';
import { CUTTING_TYPES, faultAnswer, REPLACING_TYPES, resetSocket } from './faults.mjs';
import { tokenPlaces } from './requestlog.mjs';

export class Downloads {
	constructor(emu) {
		this.emu = emu;
		this.reset();
	}

	reset() {
		/** download_token -> { fileId, expires } */
		this.tokens = new Map();
	}

	createUrl(file) {
		const token = randomBytes(32).toString('hex');
		const expires = this.emu.clock.now() + this.emu.options.downloadUrlSeconds * 1000;
		this.tokens.set(token, { fileId: file.id, expires });
		return `${this.emu.urls.download}/dl/${file.shortUrl}/${encodeURIComponent(file.name)}?download_token=${token}`;
	}

	/** The active file a (short URL, token) pair unlocks, or null. */
	resolve(shortUrl, token) {
		const grant = this.tokens.get(String(token ?? ''));
		if (!grant || grant.expires <= this.emu.clock.now()) return null;
		const file = this.emu.store.files.get(grant.fileId);
		return file && file.shortUrl === shortUrl && file.status === 'active' ? file : null;
	}

	liveCount() {
		const now = this.emu.clock.now();
		return [...this.tokens.values()].filter((g) => g.expires > now).length;
	}
}

/** A single byte range: {start, end}, 'unsatisfiable', or null (serve the whole file). */
export function parseRange(header, size) {
	const match = /^bytes=(\d*)-(\d*)$/.exec(String(header ?? '').trim());
	if (!match || (match[1] === '' && match[2] === '')) return null;
	if (match[1] === '') {
		const suffix = Number(match[2]);
		if (suffix === 0 || size === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(match[1]);
	const last = match[2] === '' ? size - 1 : Number(match[2]);
	if (match[2] !== '' && last < start) return null; // invalid: ignored, whole file
	if (start >= size) return 'unsatisfiable';
	return { start, end: Math.min(last, size - 1) };
}

function landingPage(emu, message) {
	const html = `<!DOCTYPE html><html><head><title>${emu.options.siteName}</title></head><body><h1>${message}</h1></body></html>`;
	return answer(emu.options.invalidDownloadStatus, html, { 'Content-Type': 'text/html; charset=UTF-8' });
}

function contentDisposition(name) {
	const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Streams bytes [start, start+length) of the file; a cutting fault stops early and cuts. */
function streamFile(emu, res, file, start, length, entry, cut) {
	const count = cut ? Math.min(length, Math.max(0, Number(cut.bytes ?? Math.floor(length / 2)))) : length;
	if (count === 0) {
		if (cut) {
			res.flushHeaders();
			cutConnection(res, cut.type);
		} else res.end();
		return;
	}
	const stream = createReadStream(file.blobPath, {
		start,
		end: start + count - 1,
		highWaterMark: emu.options.streamHighWaterMark,
	});
	stream.on('data', (chunk) => {
		entry.bytes += chunk.length;
	});
	stream.on('error', () => resetSocket(res.socket));
	res.on('close', () => stream.destroy());
	stream.pipe(res, { end: !cut });
	if (cut) stream.on('end', () => cutConnection(res, cut.type));
}

export async function handleDownload(emu, req, res, url, ip) {
	const entry = emu.log.start(req, url, 'download', ip, emu.clock);
	emu.log.track(entry, res);
	emu.log.setTokenPlaces(entry, tokenPlaces(req, url, null, emu.auth));
	entry.range = req.headers.range ?? null;
	req.resume();

	const fault = emu.faults.take('download');
	if (fault) entry.fault = { id: fault.id, type: fault.type };
	if (fault?.type === 'delay') await sleep(Number(fault.params.ms) || 0);
	if (fault?.type === 'reset') return resetSocket(req.socket);
	if (REPLACING_TYPES.includes(fault?.type)) return sendAnswer(res, faultAnswer(fault), entry);
	if (req.method !== 'GET' && req.method !== 'HEAD') return sendAnswer(res, routeNotFound(), entry);

	const match = /^\/(?:dl\/)?([^/]+)(?:\/.*)?$/.exec(url.pathname);
	const file = match ? emu.downloads.resolve(match[1], url.searchParams.get('download_token')) : null;
	if (!file) return sendAnswer(res, landingPage(emu, 'File not found or download link expired.'), entry);

	const range = parseRange(req.headers.range, file.size);
	if (range === 'unsatisfiable') {
		res.writeHead(416, { 'Content-Range': `bytes */${file.size}`, 'Content-Length': 0 });
		return res.end();
	}
	const start = range ? range.start : 0;
	const length = range ? range.end - range.start + 1 : file.size;
	const headers = {
		'Content-Type': file.mimeType,
		'Content-Length': length,
		'Accept-Ranges': 'bytes',
		'Content-Disposition': contentDisposition(file.name),
		'Cache-Control': 'private, no-store',
	};
	if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${file.size}`;
	res.writeHead(range ? 206 : 200, headers);
	if (req.method === 'HEAD') return res.end();
	if (start === 0) {
		file.downloads += 1;
		file.lastAccessed = emu.clock.now();
	}
	const cut = CUTTING_TYPES.includes(fault?.type) ? { type: fault.type, bytes: fault.params.bytes } : null;
	streamFile(emu, res, file, start, length, entry, cut);
}
