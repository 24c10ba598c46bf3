import { Module } from '@nestjs/common';
import { SyncTargetModule } from '../target';
import { DeliveryRound } from './delivery-round';

@Module({ imports: [SyncTargetModule], providers: [DeliveryRound], exports: [DeliveryRound, SyncTargetModule] })
export class DeliveryModule {}
