// /account/*. Like the site, info and package describe the account named by account_id (the token
// only has to be valid), and answer `"data": false` for an unknown id.
import { ApiError } from '../envelope.mjs';
import { accountInfo, accountPackage } from '../serialize.mjs';
import { phpInt } from '../php.mjs';
import { required } from './common.mjs';

function namedAccount({ emu, fields }) {
	required(fields, 'account_id');
	return emu.store.accounts.get(String(phpInt(fields.account_id))) ?? null;
}

export function info(ctx) {
	const account = namedAccount(ctx);
	return { data: account ? accountInfo(account) : false };
}

export function packageInfo(ctx) {
	const account = namedAccount(ctx);
	return { data: account ? accountPackage(ctx.emu, account) : false };
}

/** create / edit / delete exist for admin users only. */
export function adminOnly() {
	throw new ApiError('API user must be an admin user for this endpoint.');
}
