import type {
	ICredentialsDecrypted,
	IDataObject,
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

/** A Node readable stream, named without importing 'stream' (which verified packages may not). */
export type ByteStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** One attempt's request body when it is not a form: made fresh for every attempt. */
export interface StreamedBody {
	/** A stream (or a Buffer) that the request sends as it is. */
	body: ByteStream | Buffer;
	/** Content-Type and Content-Length of that body. */
	headers: IDataObject;
	/** Releases what the body holds open (files) once the attempt is over, whatever its outcome. */
	close?: () => void;
}
