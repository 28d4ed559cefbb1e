import 'reflect-metadata';
import { runService } from '@qollqa/platform';
import { AppModule } from './app.module';
import { GATEWAY_OPTIONS } from './gateway-app';

void runService(AppModule, 'gateway', GATEWAY_OPTIONS);
