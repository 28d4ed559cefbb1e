import 'reflect-metadata';
import { runService } from '@qollqa/platform';
import { AppModule } from './app.module';

void runService(AppModule, 'credit-scoring', { rpc: false, events: true });
