import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fileLocator } from '../../descriptions/locators';
import { resolveFileId } from '../../helpers/target';
import { cyberfileApiData } from '../../transport';
import { showFor } from '../common';

export const description: INodeProperties[] = [
	fileLocator({ displayName: 'File', name: 'fileId', displayOptions: showFor('file', ['getDownloadUrl']) }),
];

/** A link that downloads the file without logging in, for about 24 hours. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const fileId = await resolveFileId(this, 'fileId', itemIndex, 'File');
	const data = await cyberfileApiData(this, {
		endpoint: 'file/download',
		fields: { file_id: fileId },
		idempotent: true,
		itemIndex,
		subject: { file: fileId },
	});
	return [
		{
			json: {
				id: String(data.file_id ?? fileId),
				name: String(data.filename ?? ''),
				downloadUrl: String(data.download_url ?? ''),
			},
		},
	];
}
