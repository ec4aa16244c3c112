import claim from '../src/claims/catalogue/B.Fig1.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
