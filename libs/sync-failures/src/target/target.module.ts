import { Module } from '@nestjs/common';
import { Metrics } from '@app/metrics';
import { HttpSyncTarget } from './http-sync-target';
import { MeasuredSyncTarget } from './measured-sync-target';
import { SyncTarget } from './sync-target';

/** Where deliveries go (HTTP today; another connector is another class here), each one measured. */
@Module({
  providers: [
    HttpSyncTarget,
    {
      provide: SyncTarget,
      useFactory: (target: HttpSyncTarget, metrics: Metrics) => new MeasuredSyncTarget(target, metrics),
      inject: [HttpSyncTarget, Metrics],
    },
  ],
  exports: [SyncTarget],
})
export class SyncTargetModule {}
