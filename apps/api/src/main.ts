import { runApp } from '@app/platform';
import { ApiModule } from './api.module';

void runApp({ name: 'api', module: (config) => ApiModule.register(config), swagger: true });
