import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/** Every n8n context the package talks to Cyberfile from. */
export type CyberfileContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'cyberfileApi';

/** The credential as read once for one request: the token it holds and where to send it. */
export interface Session {
	baseUrl: string;
	token: string;
	credential: ICredentialsDecrypted;
}
