import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Jobs } from './jobs.service';

/** `Jobs` for every capability module; imported once by PlatformModule. */
@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [Jobs],
  exports: [Jobs],
})
export class SchedulingModule {}
