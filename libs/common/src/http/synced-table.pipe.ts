import { Inject, Injectable, NotFoundException, PipeTransform } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { findSyncedTable, SYNCED_TABLES, SyncedTable } from '../synced-tables';

/**
 * Resolves the `:table` route parameter against the SYNCED_TABLES registry (404 when unknown);
 * routes without the parameter act on DEFAULT_TABLE. Nothing else turns a request into a table.
 */
@Injectable()
export class SyncedTablePipe implements PipeTransform<string | undefined, SyncedTable> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  transform(value: string | undefined): SyncedTable {
    const table = findSyncedTable(value ?? this.config.defaultTable);
    if (!table)
      throw new NotFoundException(`Unknown table "${value}". Synced tables: ${Object.keys(SYNCED_TABLES).join(', ')}`);
    return table;
  }
}
