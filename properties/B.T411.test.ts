import claim from '../src/claims/catalogue/B.T411.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
