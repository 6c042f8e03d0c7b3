// /authorize and /disable_access_token.

export function authorize({ emu, fields, ip }) {
	return { data: emu.auth.authorize(fields, ip) };
}

export function disableAccessToken({ emu, fields, accountId }) {
	emu.auth.revoke(fields.access_token, accountId);
	return { response: 'Token removed or no longer available.' };
}
