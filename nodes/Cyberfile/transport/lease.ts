import { randomBytes } from 'crypto';

/**
 * The login lease: who may log in for a credential, shared by every n8n process (main, workers)
 * through the credential's hidden `sessionLease` field, which n8n stores in the credential's row.
 *
 * A node has no lock n8n would share between processes, and n8n stores credentials without one
 * (last writer wins). What it has: every process re-reads the row, and the credential's
 * `preAuthentication`, whose result n8n writes into the row. So a process that needs a new token
 * writes a claim through `preAuthentication` (no request to the site), waits longer than such a
 * write takes, and reads the row again: the claim that was written last is the one every process
 * reads, and only its holder logs in. The others wait for the token it stores. A claim is
 * bounded in time, so a process that died holding it does not block the others for long.
 *
 * Stored value: `<holder> <until>` (until in ms since 1970), '' when nobody holds it. The value the
 * node passes to `preAuthentication` to have a claim written is `claim <holder> <until> <token>`:
 * the token the row holds now, which the claim must write back unchanged (n8n only stores a
 * `preAuthentication` result that has a token). That value never reaches the row.
 */

export const LEASE_FIELD = 'sessionLease';
/** How long a claim holds: longer than a login with its retries normally takes. */
export const LEASE_MS = 30_000;
/**
 * How long a claimer waits before it reads the row again: longer than another process takes from
 * reading a free lease to having its own claim stored, so every competing claim is in by then.
 */
export const SETTLE_MS = 1_500;
/** How often a process waiting for another one's login reads the row. */
export const POLL_MS = 200;

export interface Lease {
	holder: string;
	until: number;
}

/**
 * This n8n process, as the holder of its claims. Within a process one renewal per account runs at
 * a time (single flight), so a lease that names this process is the running renewal's.
 */
export const THIS_PROCESS = randomBytes(8).toString('hex');

export function readLease(value: unknown): Lease | undefined {
	const [holder, until] = String(value ?? '').split(' ');
	const ms = Number(until);
	return holder && holder !== 'claim' && Number.isFinite(ms) ? { holder, until: ms } : undefined;
}

export const claimRequest = (lease: Lease, token: string): string => `claim ${lease.holder} ${lease.until} ${token}`;

/** What `preAuthentication` writes for a claim request, or undefined when it is none (a login). */
export function claimOf(value: unknown): { token: string; lease: string } | undefined {
	const parts = String(value ?? '').split(' ');
	if (parts[0] !== 'claim' || parts.length < 3) return undefined;
	return { token: parts[3] ?? '', lease: `${parts[1]} ${parts[2]}` };
}
