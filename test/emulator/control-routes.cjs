// The control API's routes: [HTTP method, path under /__control/, operation name]. Shared by the
// in-process server (control.mjs) and the HTTP client (control-client.cjs).
'use strict';

module.exports = [
	['POST', 'reset', 'reset'], // { mode?, accounts?, maxUploadSize?, ...runtime options }
	['POST', 'config', 'configure'], // same options, without wiping anything
	['POST', 'mode', 'setMode'], // { mode }
	['GET', 'log', 'log'],
	['DELETE', 'log', 'clearLog'],
	['GET', 'stats', 'stats'],
	['DELETE', 'stats', 'clearStats'],
	['POST', 'faults', 'addFault'], // { endpoint, type, times?, after?, ...params }
	['GET', 'faults', 'faults'],
	['DELETE', 'faults', 'clearFaults'],
	['POST', 'clock', 'advanceClock'], // { advanceSeconds }
	['GET', 'clock', 'clock'],
	['POST', 'expire-tokens', 'expireTokens'], // { accountId? }
	['POST', 'takeover', 'takeover'], // { accountId }
	['GET', 'state', 'state'],
	['GET', 'issued-tokens', 'issuedTokens'], // tests only: every token handed out since the last reset
	['GET', 'health', 'health'],
	['POST', 'folders', 'addFolder'], // { accountId?, name, parentId?, isPublic?, accessPassword?, status? }
	['POST', 'files', 'addFile'], // { accountId?, folderId?, name, content? | contentBase64? | size?, status? }
];
