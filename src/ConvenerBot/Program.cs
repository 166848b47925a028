using ConvenerBot;

var verb = Verb.Parse(args);
if (verb.Name is Verb.Help or Verb.Unknown)
{
    (verb.Name is Verb.Help ? Console.Out : Console.Error).Write(Verb.Usage);
    return verb.Name is Verb.Help ? 0 : 2;
}

using var host = ConvenerApp.Build(verb.HostArgs, withChat: verb.Name is Verb.Run);
return await Startup.RunAsync(host, verb);
