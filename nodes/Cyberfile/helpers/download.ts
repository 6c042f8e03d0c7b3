import type { IBinaryData, IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { cyberfileApiData, downloadStream } from '../transport';

/**
 * A file as n8n binary data: its name, type and size from /file/info, its bytes streamed from a
 * fresh download URL into n8n's binary store (to disk in filesystem mode, never whole in memory),
 * checked to be exactly the file's size. A broken download stores nothing.
 */
export async function downloadFile(
	context: IExecuteFunctions | IPollFunctions,
	fileId: string,
	itemIndex?: number,
	/** The file's /file/info answer, when the caller already has it (it is not asked for again). */
	knownInfo?: IDataObject,
): Promise<IBinaryData> {
	const call = { fields: { file_id: fileId }, idempotent: true, itemIndex, subject: { file: fileId } };
	const info = knownInfo ?? (await cyberfileApiData(context, { endpoint: 'file/info', ...call }));
	const link = await cyberfileApiData(context, { endpoint: 'file/download', ...call });
	const name = String(info.filename ?? link.filename ?? `file-${fileId}`);
	const size = Number(info.fileSize);
	const stream = await downloadStream(context, {
		url: String(link.download_url ?? ''),
		size: info.fileSize !== undefined && Number.isSafeInteger(size) && size >= 0 ? size : undefined,
		name,
		itemIndex,
	});
	const mimeType = typeof info.fileType === 'string' && info.fileType ? info.fileType : undefined;
	return await context.helpers.prepareBinaryData(stream, name, mimeType);
}
