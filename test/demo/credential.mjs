// The credential the demo and `npm run dev` use: the emulator's demo account, or a real site's
// account from CYBERFILE_USERNAME/CYBERFILE_PASSWORD (or CYBERFILE_KEY1/CYBERFILE_KEY2) and
// CYBERFILE_BASE_URL.
import { DEFAULT_ACCOUNTS } from '../emulator/index.mjs';

const env = process.env;

export const useRealSite = () => Boolean(env.CYBERFILE_USERNAME || env.CYBERFILE_KEY1);

/** The credential's plaintext data; `emulator` is the running emulator (null for a real site). */
export function credentialData(emulator) {
	if (emulator) {
		const [demo] = DEFAULT_ACCOUNTS;
		return { baseUrl: emulator.apiBase, authMethod: 'accountDetails', username: demo.username, password: demo.password };
	}
	const keys = Boolean(env.CYBERFILE_KEY1);
	return {
		baseUrl: env.CYBERFILE_BASE_URL || 'https://api.cyberfile.me/api/v2',
		authMethod: keys ? 'apiKeys' : 'accountDetails',
		...(keys ? { key1: env.CYBERFILE_KEY1, key2: env.CYBERFILE_KEY2 } : { username: env.CYBERFILE_USERNAME, password: env.CYBERFILE_PASSWORD }),
	};
}
