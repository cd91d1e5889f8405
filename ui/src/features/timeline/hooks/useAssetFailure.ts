import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";

/** The processing error of a failed asset, fetched only once someone hovers or focuses it. */
export function useAssetFailure(id: string, enabled: boolean): string | null {
  const query = useQuery({
    queryKey: ["asset", id],
    enabled,
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/assets/{asset_id}", { params: { path: { asset_id: id } }, signal })),
  });
  return query.data?.processing.error ?? null;
}
