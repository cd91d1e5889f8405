/**
 * Account, household and storage endpoints (SPEC §4b) through the typed client.
 * `isUnavailable` tells when a server (an older back end) does not offer one of them.
 */
import { api, unwrap, type Schemas } from "../../api/client";
import { ApiError } from "../../api/http";
import type { Language } from "../../i18n";
import type { SessionUser } from "../auth/api";

export interface ProfileUpdate {
  display_name?: string;
  locale?: Language;
}

export type PasswordChange = Schemas["PasswordChangeIn"];
export type Stats = Schemas["StatsOut"];
export type Member = Schemas["MemberOut"];
export type MemberCreate = Schemas["MemberCreateIn"];

export interface MemberUpdate {
  is_active?: boolean;
  is_admin?: boolean;
  display_name?: string;
}

export const statsKey = ["stats"] as const;
export const membersKey = ["users"] as const;

/** The endpoint does not exist on this server (an older back end), as opposed to a failure. */
export function isUnavailable(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    ((error.status === 404 && error.code === "not_found") || error.status === 405)
  );
}

/** PATCH /auth/me; a field left out (null on the wire) stays as it is. */
export function updateProfile(update: ProfileUpdate): Promise<SessionUser> {
  const body = { display_name: update.display_name ?? null, locale: update.locale ?? null };
  return unwrap(api.PATCH("/api/v1/auth/me", { body }));
}

export async function changePassword(change: PasswordChange): Promise<void> {
  await unwrap(api.POST("/api/v1/auth/password", { body: change }));
}

export function fetchStats(): Promise<Stats> {
  return unwrap(api.GET("/api/v1/stats"));
}

export async function fetchMembers(): Promise<Member[]> {
  return (await unwrap(api.GET("/api/v1/users"))).items;
}

export function createMember(member: MemberCreate): Promise<Member> {
  return unwrap(api.POST("/api/v1/users", { body: member }));
}

/** PATCH /users/{id}; a field left out (null on the wire) stays as it is. */
export function updateMember(id: string, update: MemberUpdate): Promise<Member> {
  const body = {
    is_active: update.is_active ?? null,
    is_admin: update.is_admin ?? null,
    display_name: update.display_name ?? null,
  };
  return unwrap(api.PATCH("/api/v1/users/{user_id}", { params: { path: { user_id: id } }, body }));
}
