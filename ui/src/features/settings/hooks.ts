/** Settings data: queries and mutations over the account, household and storage API. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { sessionKey, type SessionUser } from "../auth/api";
import {
  changePassword,
  createMember,
  fetchMembers,
  fetchStats,
  membersKey,
  statsKey,
  updateMember,
  updateProfile,
  type MemberUpdate,
} from "./api";

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (user) =>
      queryClient.setQueryData<SessionUser | null>(sessionKey, (old) =>
        old ? { ...old, ...user } : old,
      ),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}

export function useStats() {
  return useQuery({ queryKey: statsKey, queryFn: fetchStats });
}

export function useMembers(enabled: boolean) {
  return useQuery({ queryKey: membersKey, queryFn: fetchMembers, enabled });
}

export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMember,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, update }: { id: string; update: MemberUpdate }) => updateMember(id, update),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });
}
