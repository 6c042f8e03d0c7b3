import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** One operation: runs for one input item and returns its output items. */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
