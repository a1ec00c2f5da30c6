import type { searchChannels } from '../../../shared/contract/search';
import { SearchRepo } from '../../store/search/search-repo';
import type { CoreContext } from '../context';
import type { HandlersFor } from '../handlers';
import { SimilarityService } from './similarity-service';

export function searchHandlers(ctx: CoreContext): HandlersFor<typeof searchChannels> {
  const repo = new SearchRepo(ctx.db);
  const similarity = new SimilarityService(ctx);
  return {
    'search:incidents': (i) => repo.search(i),
    'search:similar-incidents': (i) => similarity.similar(i.id, i.limit),
  };
}
