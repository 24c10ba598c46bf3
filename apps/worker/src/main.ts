import { runApp } from '@app/platform';
import { WorkerModule } from './worker.module';

void runApp({ name: 'worker', module: (config) => WorkerModule.register(config), swagger: false });
