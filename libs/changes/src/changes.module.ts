import { Module } from '@nestjs/common';
import { ChangesController } from './changes.controller';
import { ChangesRepository } from './changes.repository';
import { ChangesService } from './changes.service';
import { TablesController } from './tables.controller';

/** The change feed (pull): GET /tables/{table}/changes, and the list of tables to pull, GET /tables. */
@Module({
  controllers: [ChangesController, TablesController],
  providers: [ChangesRepository, ChangesService],
  exports: [ChangesService],
})
export class ChangesModule {}
