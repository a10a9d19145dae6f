import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../contracts/common.js';
import { maintenancePreview, maintenancePreviewResult } from '../../contracts/maintenance.js';
import { standardErrors } from '../../http/route-helpers.js';
import { previewWindows } from './preview.service.js';

export function maintenanceRoutes() {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/v1/maintenance/preview',
      {
        config: { roles: 'any signed-in user', scope: 'read' },
        schema: {
          tags: ['maintenance'],
          summary:
            'Expand a maintenance-window recurrence (RRULE on a local DTSTART in a zone) between two instants',
          body: maintenancePreview,
          response: { 200: maintenancePreviewResult, ...standardErrors, 422: errorBody },
        },
      },
      async (request) => previewWindows(request.body),
    );
  };
}
