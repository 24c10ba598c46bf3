import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { PlatformModule } from '@app/platform';

/** The HTTP API: composes the capability libraries, holds no logic of its own. */
@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config)],
    };
  }
}
