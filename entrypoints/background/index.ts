import { defineBackground } from 'wxt/utils/define-background';
import { startBackgroundService } from '../../lib/ext/background-service.ts';

export default defineBackground(() => {
  startBackgroundService();
});
