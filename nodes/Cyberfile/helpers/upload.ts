import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, cyberfileApiData, cyberfileApiRequest, keepingSessionAlive, sessionFields } from '../transport';
import type { BinaryInput } from './binaryInput';
import { multipartUpload } from './multipart';
import { toFile } from './shape';
import type { ShapeOptions } from './shape';

/**
 * /file/upload with the file streamed from n8n's binary store. The transport sends it (a fresh
 * stream per attempt: a renewed session or a 503 sends it again from the start) and never repeats
 * it once the outcome is unknown (a connection broken mid-body, a 502 or 504).
 */

/** The slowest upload speed the timeout allows for, on top of a fixed allowance for the answer. */
const MIN_BYTES_PER_SECOND = 256 * 1024;
const BASE_TIMEOUT_MS = 5 * 60_000;

export const uploadTimeout = (size: number) => BASE_TIMEOUT_MS + Math.ceil((size / MIN_BYTES_PER_SECOND) * 1000);

export interface UploadTarget {
	name: string;
	/** '' for the root folder. */
	folderId: string;
	verifyChecksum: boolean;
	itemIndex: number;
	shape?: ShapeOptions;
}

/** The upload answer's file in the shape of the package's other file items, plus `md5`. */
function uploadedFile(raw: IDataObject, target: UploadTarget, mimeType: string | undefined, md5: string | undefined): IDataObject {
	// `type` is always "application/octet-stream" and `error` always null: not worth passing on.
	const { short_url: shortUrl, hash, type: _type, error: _error, ...rest } = raw;
	// The answer has no extension: the site's is the lower-cased text after the name's last dot.
	const name = String(rest.name ?? '');
	const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : null;
	const shaped = toFile({ ...rest, shortUrl, extension, folderId: target.folderId || null, fileType: mimeType ?? null }, { includeRawFields: false });
	return {
		...shaped,
		md5: (hash as string | undefined) ?? md5 ?? null,
		...(target.shape?.includeRawFields ? { raw } : {}),
	};
}

export async function uploadFile(context: IExecuteFunctions, input: BinaryInput, target: UploadTarget): Promise<IDataObject> {
	const { name, folderId, itemIndex } = target;
	const multipart = multipartUpload(
		input,
		{ field: 'upload_file', name, mimeType: input.mimeType },
		(session) => ({ ...sessionFields(session), folder_id: folderId }),
		target.verifyChecksum,
	);
	const answer = await keepingSessionAlive(context, async () =>
		await cyberfileApiRequest(context, {
			endpoint: 'file/upload',
			body: multipart.body,
			idempotent: false,
			timeout: uploadTimeout(input.size),
			itemIndex,
			subject: { folder: folderId || undefined },
			unknownOutcome: `the file "${name}" may or may not have been stored`,
		}),
	);
	const raw = (Array.isArray(answer.data) ? answer.data[0] : answer.data) as IDataObject | undefined;
	if (!raw?.file_id) {
		throw apiError(context.getNode(), `The site answered the upload of "${name}" without the new file's id`, { itemIndex });
	}
	const sent = multipart.md5();
	const file = uploadedFile(raw, target, input.mimeType, sent);
	if (target.verifyChecksum && sent && raw.hash && String(raw.hash).toLowerCase() !== sent) {
		throw apiError(context.getNode(), `The file "${name}" arrived damaged: its MD5 on Cyberfile (${String(raw.hash)}) is not the MD5 of the bytes sent (${sent})`, {
			itemIndex,
			failure: { cause: 'temporarily-unavailable' },
			description: `The damaged copy is file ${String(file.id)} ("${String(file.name)}"): delete it and upload again.`,
		});
	}
	return file;
}

/** After an upload that replaces files: the old ones go to the trash, the new one takes their name. */
export async function replaceFiles(
	context: IExecuteFunctions,
	uploaded: IDataObject,
	old: IDataObject[],
	target: UploadTarget,
): Promise<IDataObject> {
	const { itemIndex, name } = target;
	const replaced: string[] = [];
	try {
		for (const file of old) {
			const id = String(file.id);
			await cyberfileApiRequest(context, { endpoint: 'file/delete', fields: { file_id: id }, idempotent: true, itemIndex, subject: { file: id } });
			replaced.push(id);
		}
		if (uploaded.name !== name) {
			await cyberfileApiData(context, {
				endpoint: 'file/edit',
				fields: { file_id: String(uploaded.id), filename: name },
				idempotent: true,
				itemIndex,
				subject: { file: String(uploaded.id) },
			});
		}
	} catch (error) {
		throw apiError(
			context.getNode(),
			`The new file was uploaded as file ${String(uploaded.id)} ("${String(uploaded.name)}"), but replacing the old one failed: ${(error as Error).message}`,
			{ itemIndex, description: replaced.length ? `Already moved to the trash: file ${replaced.join(', ')}.` : 'No old file was moved to the trash.' },
		);
	}
	return { ...uploaded, name, replacedFileIds: replaced };
}
