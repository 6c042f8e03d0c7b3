import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { collection } from './collection';
import { parallelRequestsOption } from './parallel';

/** Output option of every operation that returns files or folders. */
export const includeRawFieldsOption: INodeProperties = {
	displayName: 'Include Raw Fields',
	name: 'includeRawFields',
	type: 'boolean',
	default: false,
	description:
		'Whether to add the site\'s own answer under "raw": every field as the API sent it, delete link and hashes included (never a folder\'s password hash)',
};

/** An "Options" collection holding the output option, Parallel Requests and any others of the operation. */
export const itemOptions = (displayOptions: IDisplayOptions, more: INodeProperties[] = []): INodeProperties =>
	collection('Options', 'options', displayOptions, [...more, includeRawFieldsOption, parallelRequestsOption], 'Add option');
