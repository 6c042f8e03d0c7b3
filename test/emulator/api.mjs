// Requests under /api/v2/: route like the PHP front controller, apply injected faults, read the
// parameters, check the token, run the handler and answer with the envelope.
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody } from './body.mjs';
import { ENDPOINTS, GROUPS, authenticate, endpointName, tokenMessage } from './endpoints.mjs';
import {
	ApiError, failure, sendAnswer, success, tooLarge, unknownAction, unknownEndpoint,
} from './envelope.mjs';
import { CUTTING_TYPES, faultAnswer, REPLACING_TYPES, resetSocket } from './faults.mjs';
import { cleanInput } from './php.mjs';
import { redactFields, tokenPlaces } from './requestlog.mjs';

function routeOf(subpath) {
	let path = subpath;
	try {
		path = decodeURIComponent(subpath);
	} catch {
		// keep it raw, as a malformed escape reaches PHP unchanged
	}
	const segments = cleanInput(path).toLowerCase().replace(/\/+$/, '').split('/');
	const group = segments[0] ?? '';
	const action = segments[1] || 'index';
	return { group, action, name: endpointName(group, action) };
}

async function dispatch(emu, route, fields, upload, ip) {
	if (!GROUPS[route.group]) return unknownEndpoint(emu, route.group);
	try {
		const accountId = authenticate(emu, route.group, fields);
		const endpoint = ENDPOINTS[`${route.group}/${route.action}`];
		if (!endpoint) return unknownAction(emu, route.group, route.action);
		if (endpoint.write && emu.options.demoMode) {
			throw new ApiError('This API feature is not available in demo mode.');
		}
		return success(emu, await endpoint.handler({ emu, fields, accountId, upload, ip }));
	} catch (error) {
		if (error instanceof ApiError) return failure(emu, error.message);
		throw error;
	}
}

/** The answer a replacing fault gives instead of the real one. */
function replacement(emu, fault, route) {
	if (fault.type === 'tokenError') return failure(emu, tokenMessage(route.group));
	if (fault.type === 'appError') return failure(emu, fault.params.message ?? 'No available upload servers, exiting.');
	return faultAnswer(fault);
}

/**
 * The web server's 413, answered at once; the rest of the body is read and dropped (as nginx's
 * lingering close does) so that a client still sending sees the answer, for at most 30 s.
 */
function rejectTooLarge(req, res, entry) {
	req.unpipe();
	sendAnswer(res, tooLarge(), entry);
	req.resume();
	setTimeout(() => {
		if (!req.complete) req.socket.destroy();
	}, 30_000).unref();
}

export async function handleApi(emu, req, res, url, subpath, ip) {
	const route = routeOf(subpath);
	const entry = emu.log.start(req, url, route.name, ip, emu.clock);
	emu.log.track(entry, res);
	const fault = emu.faults.take(route.name);
	if (fault) entry.fault = { id: fault.id, type: fault.type };
	const after = fault?.params.phase === 'after';
	const limit = emu.options.maxBodyBytes;

	if (fault?.type === 'delay' && !after) await sleep(Number(fault.params.ms) || 0);
	if (fault?.type === 'reset' && !after) return resetSocket(req.socket);
	if (limit && Number(req.headers['content-length']) > limit) return rejectTooLarge(req, res, entry);
	const replacing = REPLACING_TYPES.includes(fault?.type);
	if (replacing && !after && fault.params.drain === false) {
		res.setHeader('Connection', 'close'); // answer at once, without reading the body
		return sendAnswer(res, replacement(emu, fault, route), entry);
	}

	const endpoint = ENDPOINTS[`${route.group}/${route.action}`];
	const cutTarget = fault?.params.target ?? (endpoint?.uploadField ? 'request' : 'response');
	const cutRequest = fault?.type === 'resetMidBody' && !after && cutTarget === 'request';
	const declared = Number(req.headers['content-length']) || 0;
	let body;
	try {
		body = await readBody(req, url, {
			uploadField: endpoint?.uploadField ?? null,
			tmpPath: () => emu.store.tmpPath(),
			highWaterMark: emu.options.streamHighWaterMark,
			hashInWorker: emu.options.hashInWorker,
			maxBytes: limit,
			cutAt: cutRequest ? Number(fault.params.bytes ?? (declared ? Math.floor(declared / 2) : 65536)) : null,
		});
	} catch (error) {
		entry.requestBytes = error.bytes ?? 0;
		if (error.code === 'BODY_TOO_LARGE') return rejectTooLarge(req, res, entry);
		if (error.code === 'BODY_CUT') return resetSocket(req.socket);
		return undefined; // the client went away
	}
	entry.fields = redactFields(body.fields);
	entry.files = body.files;
	entry.requestBytes = body.bytes;
	emu.log.setTokenPlaces(entry, tokenPlaces(req, url, req.method === 'POST' ? body.fields : null, emu.auth));

	// A replacing fault answers instead of the site: the request (read to the end) has no effect,
	// or with phase "after" it takes effect and only its answer is replaced.
	let result = replacing && !after ? replacement(emu, fault, route) : null;
	try {
		result ??= await dispatch(emu, route, body.fields, body.upload, ip);
	} finally {
		if (body.upload?.tmpPath) rmSync(body.upload.tmpPath, { force: true });
	}
	if (after && fault) {
		if (fault.type === 'delay') await sleep(Number(fault.params.ms) || 0);
		if (fault.type === 'reset') return resetSocket(req.socket);
		if (replacing) result = replacement(emu, fault, route);
	}
	const cut = CUTTING_TYPES.includes(fault?.type) && !cutRequest ? { type: fault.type, bytes: fault.params.bytes } : null;
	return sendAnswer(res, result, entry, cut);
}
