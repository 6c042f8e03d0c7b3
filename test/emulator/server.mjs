// The HTTP servers: the API host (API, control API, and downloads unless they have their own
// server) and the optional separate file host for download URLs.
import { createServer } from 'node:http';
import { handleApi } from './api.mjs';
import { handleControl } from './control.mjs';
import { handleDownload } from './download.mjs';
import { routeNotFound, sendAnswer } from './envelope.mjs';
import { drain } from './body.mjs';

const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'];

function clientIp(req, options) {
	const forwarded = options.trustForwardedFor ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : '';
	return forwarded || String(req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

function guard(handler) {
	return (req, res) => {
		Promise.resolve()
			.then(() => handler(req, res))
			.catch((error) => {
				process.stderr.write(`[cyberfile-emulator] internal error: ${error.stack ?? error}\n`);
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'Content-Type': 'text/plain' });
					res.end(`Internal emulator error: ${error.message}`);
				} else res.destroy();
			});
	};
}

function mainHandler(emu, control) {
	return async (req, res) => {
		const url = new URL(req.url, 'http://emulator.invalid');
		const path = url.pathname;
		if (path.startsWith('/__control/')) return handleControl(control, req, res, path.slice('/__control/'.length));
		const ip = clientIp(req, emu.options);
		if (path.startsWith('/api/v2/') && API_METHODS.includes(req.method)) {
			return handleApi(emu, req, res, url, path.slice('/api/v2/'.length), ip);
		}
		if (path.startsWith('/dl/') && !emu.options.separateDownloadServer) return handleDownload(emu, req, res, url, ip);
		await drain(req);
		return sendAnswer(res, routeNotFound());
	};
}

function downloadHandler(emu) {
	return (req, res) => {
		const url = new URL(req.url, 'http://emulator.invalid');
		return handleDownload(emu, req, res, url, clientIp(req, emu.options));
	};
}

function configure(server, emu) {
	server.requestTimeout = 0; // a 1 GiB upload may take long
	server.headersTimeout = 60_000;
	server.keepAliveTimeout = 5_000;
	server.timeout = 0;
	// An oversized "Expect: 100-continue" upload gets its 413 before the body is sent, as from nginx:
	// no "100 Continue", and the connection closes after the answer.
	server.on('checkContinue', (req, res) => {
		const limit = emu.options.maxBodyBytes;
		if (limit && Number(req.headers['content-length']) > limit) res.shouldKeepAlive = false;
		else res.writeContinue();
		server.emit('request', req, res);
	});
	return server;
}

export function createMainServer(emu, control) {
	return configure(createServer({ highWaterMark: emu.options.streamHighWaterMark }, guard(mainHandler(emu, control))), emu);
}

export function createDownloadServer(emu) {
	return configure(createServer({ highWaterMark: emu.options.streamHighWaterMark }, guard(downloadHandler(emu))), emu);
}

export function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address().port);
		});
	});
}

export function closeServer(server) {
	return new Promise((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections();
	});
}
