import type { INodeProperties } from 'n8n-workflow';

import * as search from './search.operation';

export { search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['fileFolder'] } },
		options: [
			{
				name: 'Search',
				value: 'search',
				description: 'Find files and folders by name, extension and size, in a folder and below it',
				action: 'Search files and folders',
			},
		],
		default: 'search',
	},
	...search.description,
];
