// What a measured training speed holds for: another model, dataset, batch, optimizer, backend or
// number of networks trained together trains at another speed. Pure (the page and engine share it).
import { armsInRound, type ExperimentConfig } from './schema';

/** Networks a pruning round trains together (every seed's ticket and controls; 1 for a supermask). */
export const networksPerRound = (config: ExperimentConfig) => (config.mode === 'supermask' ? 1 : armsInRound(config, config.rounds > 0 ? 1 : 0) * config.seeds);

export const speedKey = (config: ExperimentConfig) => [config.model, config.dataset, config.batch, config.opt, config.backend, networksPerRound(config)].join(' ');
