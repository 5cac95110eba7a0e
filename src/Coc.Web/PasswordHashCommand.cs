using Coc.Core.Security;

namespace Coc.Web;

/// <summary>
/// <c>dotnet run --project src/Coc.Web -- hash-password</c>: reads a password from standard input and
/// prints the hash to put in configuration, so no plain password is ever written to a file.
/// </summary>
public static class PasswordHashCommand
{
    public static int Run(TextReader input, TextWriter output)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            output.WriteLine("hash-password: type the password on standard input (e.g. echo -n 'secret' | ... -- hash-password)");
            return 2;
        }
        output.WriteLine(SecretHash.Hash(password));
        return 0;
    }
}
