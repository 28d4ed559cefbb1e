import 'reflect-metadata';
import { runService } from '@qollqa/platform';
import { AppModule } from './app.module';

void runService(AppModule, 'portfolio', { rpc: true, events: true });
