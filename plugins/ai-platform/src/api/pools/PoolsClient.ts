import {
  GpuPool,
  InventoryImportInput,
} from '@ai-platform/plugin-ai-platform-common';
import { BackendHttp, ClientOptions } from '../http';
import { ImportedGpuDevice, InventoryImportResult, PoolsApi } from './PoolsApi';

export class PoolsClient implements PoolsApi {
  private readonly http: BackendHttp;

  constructor(options: ClientOptions) {
    this.http = new BackendHttp(options);
  }

  listPools(): Promise<GpuPool[]> {
    return this.http.items('/pools');
  }

  listInventory(): Promise<ImportedGpuDevice[]> {
    return this.http.items('/inventory');
  }

  importInventory(input: InventoryImportInput): Promise<InventoryImportResult> {
    return this.http.post('/inventory', input);
  }
}
