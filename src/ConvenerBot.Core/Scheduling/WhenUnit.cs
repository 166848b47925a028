namespace ConvenerBot.Core.Scheduling;

/// <summary>The unit of a count from now (<c>in 2 weeks</c>): days and weeks name a day, hours and minutes an instant.</summary>
public enum WhenUnit
{
    Minute,
    Hour,
    Day,
    Week,
}
