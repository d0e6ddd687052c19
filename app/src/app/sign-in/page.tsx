import { AuthPage, type AuthPageProps } from "@/components/auth-page";

export const metadata = { title: "Sign in" };

export default function SignInPage(props: AuthPageProps) {
  return <AuthPage mode="sign-in" {...props} />;
}
