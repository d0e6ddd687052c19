import { AuthPage, type AuthPageProps } from "@/components/auth-page";

export const metadata = { title: "Sign up" };

export default function SignUpPage(props: AuthPageProps) {
  return <AuthPage mode="sign-up" {...props} />;
}
