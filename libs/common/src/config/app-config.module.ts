import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { AppConfig } from './app-config';

const NAMESPACE = 'app';

/** DI token of the validated AppConfig: `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = `CONFIGURATION(${NAMESPACE})`;

/**
 * Serves the configuration that bootstrap loaded and validated once (loadAppConfig), as a
 * @nestjs/config namespace. Taking the object rather than re-reading the environment keeps one
 * source of truth (generated development keys included) and lets tests pass their own.
 */
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    const namespace = registerAs(NAMESPACE, () => config);
    return {
      module: AppConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [namespace] })],
    };
  }
}
